from srohub.core.navigation import current_item_url, navigation_for


def navigation(request):
    """The menu of the signed-in user's roles, and which entry the current page belongs to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_current": None}
    items = navigation_for(user)
    return {"nav_items": items, "nav_current": current_item_url(items, request.path)}
