def console(request):
    """Values every console page needs (the header's account and the simulated clock are read lazily)."""
    from . import clock

    return {"sim_now": clock.now}
