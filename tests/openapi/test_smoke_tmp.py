import pytest
from alibabacloud_beian20160810 import models as beian_models

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("v2", [False, True])
def test_smoke(tea, alice_key, v2):
    client = tea("beian", *alice_key, v2=v2)
    r = client.get_main_domain(beian_models.GetMainDomainRequest(domain="www.example.com.cn"))
    print(r.body.to_map())
    r = client.query_accessor_domains_status(beian_models.QueryAccessorDomainsStatusRequest(domains=["a.cn", "b.com"]))
    print(r.body.to_map())
    r = client.query_accessor_ip(beian_models.QueryAccessorIpRequest(ip="1.2.3.4"))
    print(r.body.to_map())
