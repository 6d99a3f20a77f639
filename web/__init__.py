"""The web UI and JSON API over the search library (`make serve`, `kb serve`).

`web.app.create_app(settings)` builds the app. Every HTML page has a JSON twin built from the same library call
(`/` ↔ `/api/search`, `/cases/{id}` ↔ `/api/cases/{id}`, `/overview` ↔ `/api/overview` ...); routes live in
`web.routes`, one module per concept. Everything the browser loads is served from `web/static/`: no CDN.
"""
