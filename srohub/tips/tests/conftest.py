import pytest

from srohub.tips.antiabuse import reset_memory
from srohub.tips.sms import LocmemSmsBackend


@pytest.fixture(autouse=True)
def _fast_and_quiet_tips(settings):
    """Text messages kept in memory, no guessing delay, an easy proof of work, fresh rate limits."""
    settings.SROHUB_SMS_BACKEND = "srohub.tips.sms.LocmemSmsBackend"
    settings.SROHUB_TIPS_PASSCODE_DELAY_SECONDS = 0.0
    settings.SROHUB_TIPS_POW_BITS = 6
    LocmemSmsBackend.outbox.clear()
    reset_memory()
    yield
    LocmemSmsBackend.outbox.clear()
