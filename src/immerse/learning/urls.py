"""URLs of the learning cycle: feedback, plans, stories, progression, community, reports."""

urlpatterns: list = []
