"""A transactional test may leave the database as it likes: the next one still starts
from the rows the migrations made (tests/conftest.py asks pytest-django for it).

The two run in this order when run alone, as on one xdist worker (the default
distribution keeps a worker's tests in order); on two workers the second still checks
a database that a transactional test may have left empty."""

import pytest
from django.contrib.auth.models import Group

from programs.models import Program


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_that_deletes_the_migrated_rows():
    Program.objects.all().delete()
    Group.objects.all().delete()

    assert not Program.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_next_transactional_test_finds_the_migrated_rows():
    assert Program.objects.filter(is_default=True).exists()
    assert Group.objects.filter(name="Coaches").exists()
