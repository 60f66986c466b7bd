"""The leaders' dashboard over HTTP (aiohttp, served by the bot process at /app/): routes, the
Telegram Web App and login-link sign-in, the signed session cookie and CSRF, HTML and SVG.

The page data comes from reports/dashboard/ (the bot's own statistics), who may see what from
plans/access.py.
"""
