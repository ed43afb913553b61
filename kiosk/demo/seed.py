"""The demo back end: the outlets, the employers, and the cardholders of the demo card images
(assets/cards/*.json, read by drivers.simcard.image, the one parser of card images), seeded
through the store's seeding (kiosk.store.seed) so the back end always agrees with the simulated
cards: every card the back end knows is there with its status, the unknown card is not. Each
demo cardholder gets about ten years of believable records.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from drivers.simcard.image import CardImage, cards_dir, load_image
from kiosk.domain.journal import AccountRole
from kiosk.domain.records import Card, Cardholder, CardStatus, Gender, Outlet
from kiosk.store.seed import SeedPerson, seed_people

log = logging.getLogger(__name__)

DEMO_OUTLETS: tuple[Outlet, ...] = (
    Outlet(
        code="BJCY-01",
        name="朝阳区社会保险事业管理中心社保卡服务大厅",
        name_en="Chaoyang District Social Insurance Centre, card service hall",
        address="北京市朝阳区朝阳北路一〇一号一层",
        address_en="Ground floor, 101 Chaoyang North Road, Chaoyang District, Beijing",
        opening_hours="周一至周五 9:00-17:00（法定节假日除外）",
        opening_hours_en="Mon-Fri 9:00-17:00 (closed on public holidays)",
        phone="010-12333",
        issues_cards=True,
    ),
    Outlet(
        code="BJCY-02",
        name="望京街道社会保障服务站",
        name_en="Wangjing Subdistrict Social Security Service Station",
        address="北京市朝阳区望京西路四十八号",
        address_en="48 Wangjing West Road, Chaoyang District, Beijing",
        opening_hours="周一至周五 8:30-17:00；周六 9:00-12:00",
        opening_hours_en="Mon-Fri 8:30-17:00; Sat 9:00-12:00",
        phone="010-64700000",
        issues_cards=True,
    ),
    Outlet(
        code="BJCY-03",
        name="建外街道社会保障服务站",
        name_en="Jianwai Subdistrict Social Security Service Station",
        address="北京市朝阳区建国门外大街二十二号",
        address_en="22 Jianguomenwai Avenue, Chaoyang District, Beijing",
        opening_hours="周一至周五 9:00-17:00",
        opening_hours_en="Mon-Fri 9:00-17:00",
        phone="010-65150000",
        issues_cards=True,
    ),
    Outlet(
        code="BJCY-04",
        name="中国工商银行北京朝阳支行社保卡服务网点",
        name_en="ICBC Beijing Chaoyang Branch, social security card desk",
        address="北京市朝阳区东三环中路十号",
        address_en="10 East Third Ring Middle Road, Chaoyang District, Beijing",
        opening_hours="周一至周日 9:00-17:00",
        opening_hours_en="Daily 9:00-17:00",
        phone="010-65000000",
        issues_cards=True,
    ),
    Outlet(
        code="BJCY-05",
        name="三里屯街道社会保障咨询点",
        name_en="Sanlitun Subdistrict social security advice point",
        address="北京市朝阳区工体北路八号",
        address_en="8 Gongti North Road, Chaoyang District, Beijing",
        opening_hours="周二、周四 9:00-16:00",
        opening_hours_en="Tue and Thu 9:00-16:00",
        phone=None,
        issues_cards=False,  # advice only: not a pickup outlet
    ),
)


DEMO_EMPLOYERS: tuple[tuple[str, str], ...] = (
    ("11", "北京华信科技有限公司"),
    ("11", "北京长城建设工程有限公司"),
    ("31", "上海恒通物流有限公司"),
    ("31", "上海申江医药股份有限公司"),
    ("44", "广州瑞丰电子有限公司"),
    ("44", "广州羊城餐饮管理有限公司"),
    ("42", "武汉江城机械制造有限公司"),
    ("42", "武汉东湖物业管理有限公司"),
    ("65", "乌鲁木齐天山建设工程有限公司"),
    ("65", "新疆丝路商贸有限公司"),
    ("51", "成都天府软件有限公司"),
    ("51", "四川蜀道物流有限公司"),
    ("33", "杭州西湖文化传媒有限公司"),
    ("00", "中铁联合建设集团有限公司"),
    ("00", "国联保险股份有限公司"),
)


@dataclass
class DemoSeedReport:
    added: list[str] = field(default_factory=list)  # card image ids seeded now
    present: list[str] = field(default_factory=list)  # already in the back end
    unknown: list[str] = field(default_factory=list)  # known=false: deliberately absent
    outlets_added: int = 0
    contributions: int = 0
    staff_added: list[str] = field(default_factory=list)  # demo staff logins seeded now


# The demo's staff accounts and their passwords, documented in the README ("Demo staff
# accounts"): (login, role, display name, password). Demo only: never on a real kiosk.
DEMO_STAFF: tuple[tuple[str, AccountRole, str, str], ...] = (
    ("clerk", AccountRole.CLERK, "演示柜员", "clerk-demo"),
    ("tech", AccountRole.TECHNICIAN, "演示技术员", "tech-demo"),
    ("admin", AccountRole.ADMINISTRATOR, "演示管理员", "admin-demo"),
)


def default_cards_dir() -> Path:
    """The demo card images: assets/cards, wherever the project's assets are installed."""
    return cards_dir()


def load_card_images(folder: Path | None = None) -> list[CardImage]:
    """Every card image in `folder` (default: the demo cards), in file name order; ImageError
    saying what is wrong with a file that is not one."""
    directory = folder or default_cards_dir()
    return [load_image(path) for path in sorted(directory.glob("*.json"))]


def seed_person(image: CardImage) -> SeedPerson:
    """What the back end holds about the card in `image`: its holder and the card itself."""
    holder, issuer, backend = image.holder, image.issuer, image.backend
    return SeedPerson(
        label=image.id,
        holder=Cardholder(
            ssn=holder.ssn,
            name=holder.name,
            gender=Gender(holder.gender),
            birth_date=holder.birth_date,
            ethnicity=holder.ethnicity,
            birthplace=holder.birthplace,
            mobile=backend.mobile or None,
            photo_on_file=backend.photo_on_file,
        ),
        card=Card(
            card_number=issuer.card_number,
            card_id_code=issuer.card_id_code.hex().upper(),
            ssn=holder.ssn,
            card_type=issuer.card_type,
            spec_version=issuer.spec_version,
            issuer_org=issuer.issuer_org,
            issue_date=issuer.issue_date,
            expiry_date=issuer.expiry_date,
            status=CardStatus(backend.status),
            status_changed_at=None,
        ),
    )


def seed_demo(
    engine: Engine, cards_dir: Path | None = None, *, today: dt.date | None = None
) -> DemoSeedReport:
    """Seed outlets and every card the demo back end knows; what is there already stays."""
    images = load_card_images(cards_dir)
    seeded = seed_people(
        engine,
        [seed_person(image) for image in images if image.backend.known],
        outlets=DEMO_OUTLETS,
        employers=DEMO_EMPLOYERS,
        today=today,
    )
    report = DemoSeedReport(
        added=seeded.added,
        present=seeded.present,
        unknown=[image.id for image in images if not image.backend.known],
        outlets_added=seeded.outlets_added,
        contributions=seeded.contributions,
        staff_added=seed_demo_staff(engine),
    )
    log.info(
        "seed.demo added=%d present=%d unknown=%d",
        len(report.added),
        len(report.present),
        len(report.unknown),
    )
    return report


def seed_demo_staff(engine: Engine) -> list[str]:
    """Add the DEMO_STAFF accounts that are not there yet (a login that is there, whatever its
    password now, is left alone) and return the logins added. Seeding is not audited, as the
    rest of the demo data is not."""
    from kiosk.services.staff_auth import password_hasher
    from kiosk.store.unitofwork import UnitOfWork

    added: list[str] = []
    hasher = None
    with UnitOfWork(engine) as uow:
        for login, role, name, password in DEMO_STAFF:
            if uow.staff.get(login) is not None:
                continue
            hasher = hasher or password_hasher()
            uow.staff.add(
                login=login,
                display_name=name,
                role=role,
                password_hash=hasher.hash(password),
                at=dt.datetime.now(dt.UTC),
            )
            added.append(login)
        uow.commit()
    return added
