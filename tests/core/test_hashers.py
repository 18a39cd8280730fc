"""The filing password's hash: fast for generated secrets, older hashes still verify (issue 16)."""

import time

from django.contrib.auth.hashers import make_password
from django.test import override_settings

from filings.services.passwords import filing_password_matches, generate_filing_password, hash_filing_password
from icpconsole.core.hashers import generated_secret_matches, hash_generated_secret


def test_a_generated_password_verifies_and_a_wrong_one_does_not():
    password = generate_filing_password()
    stored = hash_filing_password(password)
    assert stored.startswith("hmac_sha256$") and password not in stored
    assert filing_password_matches(password, stored)
    # One character off (a password may itself end in "x": then "y").
    wrong = password[:-1] + ("y" if password.endswith("x") else "x")
    assert not filing_password_matches(wrong, stored)
    assert not filing_password_matches(None, stored)
    assert not filing_password_matches(password, "")


def test_each_hash_has_its_own_salt():
    assert hash_generated_secret("Abc2345678") != hash_generated_secret("Abc2345678")


def test_hashes_stored_before_with_pbkdf2_still_verify(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    stored = make_password("Abc2345678")
    assert stored.startswith("pbkdf2_sha256$")
    assert filing_password_matches("Abc2345678", stored)
    assert not filing_password_matches("Abc2345679", stored)


def test_the_hash_is_keyed_by_secret_key_and_survives_a_rotation_through_the_fallbacks():
    with override_settings(SECRET_KEY="old-key-" + "x" * 50):
        stored = hash_generated_secret("Abc2345678")
    with override_settings(SECRET_KEY="new-key-" + "y" * 50):
        assert not generated_secret_matches("Abc2345678", stored)
    with override_settings(SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 50]):
        assert generated_secret_matches("Abc2345678", stored)


def test_hashing_is_fast():
    started = time.perf_counter()
    for _ in range(100):
        generated_secret_matches("Abc2345678", hash_generated_secret("Abc2345678"))
    assert time.perf_counter() - started < 0.5
