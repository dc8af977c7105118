def test_clock_is_monotonic(event_loop):
    first = event_loop.time()
    assert event_loop.time() >= first
    assert not event_loop.is_closed()
