"""Routes, one module per concept; each holds an HTML page and its JSON twin, built from the same call."""

from fastapi import APIRouter

from web.routes import cases, collection, docs, health, municipalities, overview, search, suggest

ROUTERS: list[APIRouter] = [
    search.router,
    cases.router,
    collection.router,
    overview.router,
    municipalities.router,
    health.router,
    docs.router,
    suggest.router,
]
