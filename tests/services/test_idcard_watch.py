"""The resident ID card reader in the kiosk's vocabulary (kiosk.services.idcard): a read is the
name and ID number only, the driver's events become notices (an unsupported kind of card told
apart), and its states the one DeviceStatus of every device."""

from __future__ import annotations

from idcard_fakes import FakeIdReader, identity

from kiosk.domain.devices import DeviceKind, DeviceState, MediaState
from kiosk.domain.idcard import IdCardRead, IdNoticeKind
from kiosk.services.idcard import IdCardWatch, id_card_read

SSN = "11010519491231002x"


def test_a_read_is_the_name_and_the_id_number_only():
    read = id_card_read(identity("张三丰   ", SSN))
    assert read == IdCardRead("张三丰", SSN.upper())
    assert (read.masked_name, read.masked_id_number) == ("张*丰", "1101**********002X")
    assert "张" not in repr(read) and "1949" not in repr(read)
    assert set(vars(read)) == {"name", "id_number"}  # no address, birth date or issuer


def test_events_become_notices_and_listeners_can_be_removed():
    reader = FakeIdReader()
    watch = IdCardWatch(reader)
    heard = []
    watch.add_listener(heard.append)
    watch.add_listener(heard.append)  # once only
    reader.lay(identity("张三丰", SSN))
    reader.lay_unreadable()
    reader.lay_unreadable(unsupported=True)
    reader.take()
    reader.unplug()
    reader.plug()
    assert [n.kind for n in heard] == [
        IdNoticeKind.LAID,
        IdNoticeKind.UNREADABLE,
        IdNoticeKind.UNSUPPORTED,
        IdNoticeKind.TAKEN,
        IdNoticeKind.READER_LOST,
        IdNoticeKind.READER_BACK,
    ]
    assert heard[0].read == IdCardRead("张三丰", SSN.upper())
    watch.remove_listener(heard.append)
    reader.take()
    assert len(heard) == 6


def test_the_reader_state_in_the_device_vocabulary():
    reader = FakeIdReader()
    watch = IdCardWatch(reader, name="/dev/ttyUSB0")
    status = watch.device_status()
    assert (status.kind, status.state, status.media) == (
        DeviceKind.ID_CARD_READER,
        DeviceState.ONLINE,
        MediaState.CARD_ABSENT,
    )
    assert status.name == "/dev/ttyUSB0" and status.usable and watch.online
    reader.lay(identity("张三丰", SSN))
    assert watch.device_status().media is MediaState.CARD_PRESENT
    reader.lay_unreadable(unsupported=True)
    status = watch.device_status()
    assert status.state is DeviceState.USER_ERROR and "not supported" in status.error
    reader.unplug()
    status = watch.device_status()
    assert status.state is DeviceState.OFFLINE and not status.usable and not watch.online
    assert "does not answer" in status.error
