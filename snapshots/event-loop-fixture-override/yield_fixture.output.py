# snapshot: --unsafe-fixes


def test_plain():
    assert True
