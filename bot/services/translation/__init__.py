"""Machine translation as the use cases see it: the Translator port, the cache, what to translate.

The HTTP clients live outside the services (bot/translation/): services only know `Translator`.
"""
