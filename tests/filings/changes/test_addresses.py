"""The subject's address (SPEC 3.13): province, city and street, judged without a database."""

import pytest

from filings import addresses, precheck


@pytest.mark.parametrize(
    "address",
    [
        "浙江省杭州市西湖区文三路90号",
        "北京市海淀区中关村大街1号",
        "上海市浦东新区世纪大道100号",
        "广西壮族自治区南宁市青秀区民族大道100号",
        "No. 90 Wensan Road, Xihu District, Hangzhou, Zhejiang",
    ],
)
def test_a_full_address_is_complete(address):
    assert addresses.is_complete(address)
    assert precheck.address_reasons(address) == []


@pytest.mark.parametrize(
    "address",
    ["浙江省", "浙江省杭州市", "杭州市西湖区文三路90号", "Hangzhou, Zhejiang", "somewhere, nowhere, else"],
)
def test_an_address_without_province_city_or_street_is_incomplete(address):
    assert not addresses.is_complete(address)
    assert precheck.codes(precheck.address_reasons(address)) == ["SUBJECT_ADDRESS_INCOMPLETE"]


def test_no_address_is_not_judged_by_the_precheck():
    assert precheck.address_reasons("") == []
