def console(request):
    """Values every console page needs (the header's account and the simulated clock are read lazily)."""
    from django.utils.functional import SimpleLazyObject

    from . import clock, provider

    def shown_provider() -> dict:
        current = provider.current()
        return {"id": current, "name": provider.LABELS[current]}

    # The profile in force (SPEC 3.14), shown to staff in the header, and the console's words for
    # the code under it; read only when shown.
    return {
        "sim_now": clock.now,
        "sim_provider": SimpleLazyObject(shown_provider),
        "sim_terms": SimpleLazyObject(provider.terms),
    }
