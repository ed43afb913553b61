"""Initial schema: the agency's records and the kiosk's journal.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 03:22:16.688898
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_heads",
        sa.Column("chain", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain", name=op.f("pk_audit_heads")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chain", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(length=24), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("transaction_key", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("chain", "seq", name=op.f("uq_audit_log_chain_seq")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"], unique=False)
    op.create_index(
        op.f("ix_audit_log_transaction_key"), "audit_log", ["transaction_key"], unique=False
    )

    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_overrides")),
    )
    op.create_table(
        "cardholders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ssn", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("gender", sa.String(length=24), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("ethnicity", sa.String(length=2), nullable=False),
        sa.Column("birthplace", sa.String(length=6), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=True),
        sa.Column("photo_on_file", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cardholders")),
        sa.UniqueConstraint("ssn", name=op.f("uq_cardholders_ssn")),
    )
    op.create_table(
        "employers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column("region", sa.String(length=6), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employers")),
        sa.UniqueConstraint("credit_code", name=op.f("uq_employers_credit_code")),
    )
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("address_en", sa.String(length=300), nullable=True),
        sa.Column("opening_hours", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("issues_cards", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlets")),
        sa.UniqueConstraint("code", name=op.f("uq_outlets_code")),
    )
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.String(length=60), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_accounts")),
        sa.UniqueConstraint("login", name=op.f("uq_staff_accounts_login")),
    )
    op.create_table(
        "voucher_counters",
        sa.Column("kiosk_id", sa.String(length=12), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", "day", name=op.f("pk_voucher_counters")),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_number", sa.String(length=9), nullable=False),
        sa.Column("card_id_code", sa.String(length=32), nullable=False),
        sa.Column("cardholder_id", sa.Integer(), nullable=False),
        sa.Column("card_type", sa.String(length=1), nullable=False),
        sa.Column("spec_version", sa.String(length=8), nullable=False),
        sa.Column("issuer_org", sa.String(length=12), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("expiry_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(), nullable=True),
        sa.Column("replaces_card_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cardholder_id"], ["cardholders.id"], name=op.f("fk_cards_cardholder_id_cardholders")
        ),
        sa.ForeignKeyConstraint(
            ["replaces_card_id"], ["cards.id"], name=op.f("fk_cards_replaces_card_id_cards")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cards")),
        sa.UniqueConstraint("card_id_code", name=op.f("uq_cards_card_id_code")),
        sa.UniqueConstraint("card_number", name=op.f("uq_cards_card_number")),
    )
    op.create_index(op.f("ix_cards_cardholder_id"), "cards", ["cardholder_id"], unique=False)

    op.create_table(
        "contributions",
        sa.Column("cardholder_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("base_fen", sa.Integer(), nullable=False),
        sa.Column("employer_fen", sa.Integer(), nullable=False),
        sa.Column("personal_fen", sa.Integer(), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cardholder_id"],
            ["cardholders.id"],
            name=op.f("fk_contributions_cardholder_id_cardholders"),
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employers.id"], name=op.f("fk_contributions_employer_id_employers")
        ),
        sa.PrimaryKeyConstraint(
            "cardholder_id", "month", "employer_id", name=op.f("pk_contributions")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "enrolments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cardholder_id", sa.Integer(), nullable=False),
        sa.Column("insurance_type", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cardholder_id"],
            ["cardholders.id"],
            name=op.f("fk_enrolments_cardholder_id_cardholders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolments")),
        sa.UniqueConstraint(
            "cardholder_id",
            "insurance_type",
            "start_date",
            name=op.f("uq_enrolments_cardholder_id_insurance_type_start_date"),
        ),
    )
    op.create_table(
        "injury_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cardholder_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("disability_grade", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["cardholder_id"],
            ["cardholders.id"],
            name=op.f("fk_injury_assessments_cardholder_id_cardholders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_injury_assessments")),
    )
    op.create_index(
        op.f("ix_injury_assessments_cardholder_id"),
        "injury_assessments",
        ["cardholder_id"],
        unique=False,
    )

    op.create_table(
        "personal_accounts",
        sa.Column("cardholder_id", sa.Integer(), nullable=False),
        sa.Column("account_type", sa.String(length=24), nullable=False),
        sa.Column("balance_fen", sa.BigInteger(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("credits_fen", sa.BigInteger(), nullable=False),
        sa.Column("debits_fen", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cardholder_id"],
            ["cardholders.id"],
            name=op.f("fk_personal_accounts_cardholder_id_cardholders"),
        ),
        sa.PrimaryKeyConstraint("cardholder_id", "account_type", name=op.f("pk_personal_accounts")),
    )
    op.create_table(
        "qualifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cardholder_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("certificate_no", sa.String(length=40), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["cardholder_id"],
            ["cardholders.id"],
            name=op.f("fk_qualifications_cardholder_id_cardholders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualifications")),
    )
    op.create_index(
        op.f("ix_qualifications_cardholder_id"), "qualifications", ["cardholder_id"], unique=False
    )

    op.create_table(
        "work_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cardholder_id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.String(length=60), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cardholder_id"],
            ["cardholders.id"],
            name=op.f("fk_work_history_cardholder_id_cardholders"),
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employers.id"], name=op.f("fk_work_history_employer_id_employers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_history")),
    )
    op.create_index(
        op.f("ix_work_history_cardholder_id"), "work_history", ["cardholder_id"], unique=False
    )

    op.create_table(
        "transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("kiosk_id", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cardholder_id", sa.Integer(), nullable=True),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_transactions_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["cardholder_id"],
            ["cardholders.id"],
            name=op.f("fk_transactions_cardholder_id_cardholders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transactions")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_transactions_idempotency_key")),
    )
    op.create_index(
        op.f("ix_transactions_cardholder_id"), "transactions", ["cardholder_id"], unique=False
    )
    op.create_index(
        op.f("ix_transactions_created_at"), "transactions", ["created_at"], unique=False
    )
    op.create_index(
        "ix_transactions_kiosk_created", "transactions", ["kiosk_id", "created_at"], unique=False
    )

    op.create_table(
        "card_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=24), nullable=True),
        sa.Column("to_status", sa.String(length=24), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_card_status_changes_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_card_status_changes_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_status_changes")),
    )
    op.create_index(
        op.f("ix_card_status_changes_card_id"), "card_status_changes", ["card_id"], unique=False
    )

    op.create_table(
        "loss_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("agent_id_number", sa.String(length=18), nullable=True),
        sa.Column("agent_name", sa.String(length=60), nullable=True),
        sa.Column("agent_relationship", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_loss_reports_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_loss_reports_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loss_reports")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_loss_reports_transaction_id")),
    )
    op.create_index(op.f("ix_loss_reports_card_id"), "loss_reports", ["card_id"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_outbox_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index("ix_outbox_pending", "outbox", ["sent_at", "id"], unique=False)
    op.create_index(op.f("ix_outbox_transaction_id"), "outbox", ["transaction_id"], unique=False)

    op.create_table(
        "reissue_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("new_card_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("expected_pickup_date", sa.Date(), nullable=False),
        sa.Column("pickup_date_exact", sa.Boolean(), nullable=False),
        sa.Column("progress", sa.String(length=24), nullable=False),
        sa.Column("progress_changed_at", sa.DateTime(), nullable=False),
        sa.Column("fee_fen", sa.Integer(), nullable=False),
        sa.Column("photo_required", sa.Boolean(), nullable=False),
        sa.Column("agent_id_number", sa.String(length=18), nullable=True),
        sa.Column("agent_name", sa.String(length=60), nullable=True),
        sa.Column("agent_relationship", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_reissue_applications_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["new_card_id"], ["cards.id"], name=op.f("fk_reissue_applications_new_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_reissue_applications_outlet_id_outlets")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_reissue_applications_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reissue_applications")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_reissue_applications_transaction_id")),
    )
    op.create_index(
        op.f("ix_reissue_applications_card_id"), "reissue_applications", ["card_id"], unique=False
    )

    op.create_table(
        "vouchers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_vouchers_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vouchers")),
        sa.UniqueConstraint("number", name=op.f("uq_vouchers_number")),
    )
    op.create_index(
        op.f("ix_vouchers_transaction_id"), "vouchers", ["transaction_id"], unique=False
    )

    op.create_table(
        "loss_cancellations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("loss_report_id", sa.Integer(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["loss_report_id"],
            ["loss_reports.id"],
            name=op.f("fk_loss_cancellations_loss_report_id_loss_reports"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_loss_cancellations_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loss_cancellations")),
        sa.UniqueConstraint("loss_report_id", name=op.f("uq_loss_cancellations_loss_report_id")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_loss_cancellations_transaction_id")),
    )
    op.create_table(
        "voucher_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voucher_id", sa.Integer(), nullable=False),
        sa.Column("reprint_no", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(length=24), nullable=False),
        sa.Column("staff_account_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_account_id"],
            ["staff_accounts.id"],
            name=op.f("fk_voucher_prints_staff_account_id_staff_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["voucher_id"], ["vouchers.id"], name=op.f("fk_voucher_prints_voucher_id_vouchers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voucher_prints")),
        sa.UniqueConstraint(
            "voucher_id", "reprint_no", name=op.f("uq_voucher_prints_voucher_id_reprint_no")
        ),
    )


def downgrade() -> None:
    # Dropping a table drops its indexes with it.
    op.drop_table("voucher_prints")
    op.drop_table("loss_cancellations")
    op.drop_table("vouchers")
    op.drop_table("reissue_applications")
    op.drop_table("outbox")
    op.drop_table("loss_reports")
    op.drop_table("card_status_changes")
    op.drop_table("transactions")
    op.drop_table("work_history")
    op.drop_table("qualifications")
    op.drop_table("personal_accounts")
    op.drop_table("injury_assessments")
    op.drop_table("enrolments")
    op.drop_table("contributions")
    op.drop_table("cards")
    op.drop_table("voucher_counters")
    op.drop_table("staff_accounts")
    op.drop_table("outlets")
    op.drop_table("employers")
    op.drop_table("cardholders")
    op.drop_table("calendar_overrides")
    op.drop_table("audit_log")
    op.drop_table("audit_heads")
