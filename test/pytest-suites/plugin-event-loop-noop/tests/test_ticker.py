def test_tick(ticker):
    assert ticker.tick() == "tick"


def test_own_loop(event_loop):
    assert not event_loop.is_running()
