"""Documents go through Django's storage API: a local folder by default, S3-compatible object
storage by setting (django-storages). Nothing here reaches the network."""

import json
import subprocess
import sys

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

PROBE = (
    "import json, django; django.setup(); "
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(json.dumps({'class': type(s).__module__ + '.' + type(s).__name__, "
    "'bucket': getattr(s, 'bucket_name', None), 'endpoint': getattr(s, 'endpoint_url', None), "
    "'location': getattr(s, 'location', None), 'acl': getattr(s, 'default_acl', 'n/a'), "
    "'signed': getattr(s, 'querystring_auth', None)}))"
)


def storage_in_a_fresh_process(**env):
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", PROBE],
        env={"DJANGO_SETTINGS_MODULE": "icpconsole.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_default_is_a_local_folder(settings, tmp_path):
    assert isinstance(default_storage, FileSystemStorage)
    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("documents/licence.txt", ContentFile(b"scan"))
    assert (tmp_path / name).read_bytes() == b"scan"
    assert default_storage.open(name).read() == b"scan"


def test_media_root_is_a_setting(tmp_path):
    probe = storage_in_a_fresh_process(MEDIA_ROOT=str(tmp_path))
    assert probe["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert probe["location"] == str(tmp_path)


def test_s3_compatible_storage_by_setting():
    probe = storage_in_a_fresh_process(
        DOCUMENT_STORAGE="s3", S3_BUCKET="icp-documents", S3_ENDPOINT_URL="http://127.0.0.1:9000",
        S3_ACCESS_KEY_ID="minio", S3_SECRET_ACCESS_KEY="minio-secret",
    )
    assert probe == {
        "class": "storages.backends.s3.S3Storage",
        "bucket": "icp-documents",
        "endpoint": "http://127.0.0.1:9000",
        "location": "documents",
        "acl": None,
        "signed": True,
    }


def test_an_unknown_storage_is_refused_at_start():
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "icpconsole.settings", "PATH": "/usr/bin:/bin",
             "DOCUMENT_STORAGE": "ftp"},
        capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=60,
    )
    assert result.returncode != 0
    assert "DOCUMENT_STORAGE must be 'local' or 's3'" in result.stderr
