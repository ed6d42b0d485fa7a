"""The read-only OParl 1.1 API: every object an anonymous visitor may see, as OParl JSON.

OParl is public open data, so every response is built for an anonymous visitor, whoever
asks (a logged-in member sees exactly what everyone sees). Visibility comes from the
council querysets (`visible_to(None)`), the same as on the public pages.
"""
