"""The order actions over the API, shared by the workflow tests (SPEC 3.7, seed 004)."""


def post(client, order_id, action, data=None):
    return client.post(f"/api/v1/filings/{order_id}/{action}/", data or {}, format="json")
