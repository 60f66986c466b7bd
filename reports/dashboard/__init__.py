"""The leaders' dashboard's page data (pure of HTTP): built from the same snapshot, status model and
scope as the bot's answers, so every figure equals `planbot ask`'s. bot/dashboard/ renders it."""
