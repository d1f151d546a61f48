"""The room's HTTP routes, one module per audience; `serve/app.py` assembles them.

    participants.py  the phones: their page, joining, dots placed and taken back, post-its
    facilitator.py   the facilitator's page, post-its accepted, merged or rejected, voting
    projector.py     the projector's page
    events.py        what every page reads: the state now, then each change (server-sent events)
    files.py         scripts, styles and fonts, from the package (never a CDN)
    guards.py        what every route checks first: the token, the rate, the body, the language

Each module lists its paths in `ROUTES`. A route is a plain `async def (request) -> Response`
that starts by naming who may call it (`guards.check_page` or `guards.check_api`), reaches the
room through `guards.served(request)`, and refuses by raising `room.Refused` (answered as JSON
in the reader's language by `guards.answer_refusal`). A new endpoint goes in its audience's
module, with its line in docs/reference/room-api.md and a test in tests/test_serve_routes.py.
"""
