"""Every filter and the ordering of the /clinics list."""

import pytest

from clinicbot.factories import make_clinic
from clinics.models import Clinic

pytestmark = pytest.mark.django_db


def names(answer):
    assert answer.status_code == 200, answer.content
    return [row["clinic_name"] for row in answer.json()["results"]]


def test_state_matches_without_case(api):
    make_clinic(clinic_name="A", state="Lagos")
    make_clinic(clinic_name="B", state="Kano")

    assert names(api.get("/clinics?state=lagos")) == ["A"]
    assert names(api.get("/clinics?state=LAGOS")) == ["A"]
    assert names(api.get("/clinics?state=Lag")) == []


@pytest.mark.parametrize("asked", ["Abuja", "FCT", "fct", "Federal Capital Territory"])
def test_abuja_and_fct_name_the_federal_capital_territory(api, asked):
    make_clinic(clinic_name="A", state="Federal Capital Territory", lga="Gwagwalada")
    make_clinic(clinic_name="B", state="FCT", lga="Bwari")
    make_clinic(clinic_name="C", state="Lagos")

    assert sorted(names(api.get("/clinics", {"state": asked}))) == ["A", "B"]


def test_lga_matches_without_case(api):
    make_clinic(clinic_name="A", lga="Ikeja")
    make_clinic(clinic_name="B", lga="Surulere")

    assert names(api.get("/clinics?lga=ikeja")) == ["A"]


def test_is_active_filters_both_ways(api):
    make_clinic(clinic_name="On", is_active=True)
    make_clinic(clinic_name="Off", is_active=False)

    assert names(api.get("/clinics?is_active=true")) == ["On"]
    assert names(api.get("/clinics?is_active=false")) == ["Off"]
    assert names(api.get("/clinics?is_active=0")) == ["Off"]


@pytest.mark.parametrize("value", ["maybe", "yes!", "2"])
def test_a_boolean_filter_that_is_not_true_or_false_is_a_400(api, value):
    answer = api.get("/clinics", {"is_active": value})

    assert answer.status_code == 400
    assert answer.json() == {"is_active": ["Enter true or false."]}


def test_fpm_method_finds_clinics_whose_list_holds_it_in_any_case(api):
    make_clinic(clinic_name="A", fpm_methods_available=["Implant", "IUD"])
    make_clinic(clinic_name="B", fpm_methods_available=["Injectables"])
    make_clinic(clinic_name="C", fpm_methods_available=[])

    assert names(api.get("/clinics?fpm_method=implant")) == ["A"]
    assert names(api.get("/clinics?fpm_method=Imp")) == []


def test_service_finds_clinics_whose_list_holds_it_in_any_case(api):
    make_clinic(clinic_name="A", services_offered=["Family Planning", "HIV testing"])
    make_clinic(clinic_name="B", services_offered=["Antenatal care"])

    assert names(api.get("/clinics", {"service": "family planning"})) == ["A"]
    assert names(api.get("/clinics", {"service": "HIV TESTING"})) == ["A"]
    assert names(api.get("/clinics", {"service": "planning"})) == []


def test_search_looks_in_name_address_city_and_landmark(api):
    make_clinic(clinic_name="Hope Clinic", address="1 Main St", city="Ikeja", landmark="Mall")
    make_clinic(clinic_name="Sunrise", address="2 Hope Road", city="Yaba", landmark="School")
    make_clinic(clinic_name="Dawn", address="3 Side St", city="Hopeville", landmark="Park")
    make_clinic(clinic_name="Dusk", address="4 Side St", city="Epe", landmark="Hope market")
    make_clinic(clinic_name="Noon", address="5 Side St", city="Epe", landmark="Bank")

    assert sorted(names(api.get("/clinics?search=hope"))) == [
        "Dawn",
        "Dusk",
        "Hope Clinic",
        "Sunrise",
    ]


def test_search_needs_every_word(api):
    make_clinic(clinic_name="Hope Clinic", city="Ikeja")
    make_clinic(clinic_name="Hope Centre", city="Yaba")

    assert names(api.get("/clinics", {"search": "hope ikeja"})) == ["Hope Clinic"]


def test_filters_combine(api):
    make_clinic(clinic_name="A", state="Lagos", is_active=True, services_offered=["FP"])
    make_clinic(clinic_name="B", state="Lagos", is_active=False, services_offered=["FP"])
    make_clinic(clinic_name="C", state="Kano", is_active=True, services_offered=["FP"])

    assert names(api.get("/clinics?state=Lagos&is_active=true&service=fp")) == ["A"]


def test_the_default_order_is_state_then_lga_then_name(api):
    make_clinic(clinic_name="Z", state="Kano", lga="Fagge")
    make_clinic(clinic_name="B", state="Lagos", lga="Ikeja")
    make_clinic(clinic_name="A", state="Lagos", lga="Ikeja")
    make_clinic(clinic_name="C", state="Lagos", lga="Epe")

    assert names(api.get("/clinics")) == ["Z", "C", "A", "B"]


def test_ordering_by_created_at_and_by_filter_fields(api):
    for name in ("First", "Second", "Third"):
        make_clinic(clinic_name=name, state="Lagos" if name != "Second" else "Abia")

    assert names(api.get("/clinics?ordering=-created_at")) == ["Third", "Second", "First"]
    assert names(api.get("/clinics?ordering=state,-clinic_name")) == ["Second", "Third", "First"]


def test_the_list_runs_two_queries_whatever_the_rows(api, django_assert_max_num_queries):
    Clinic.objects.bulk_create(
        Clinic(clinic_name=f"C{n}", state="Lagos", lga="Ikeja", services_offered=["FP"])
        for n in range(150)
    )

    with django_assert_max_num_queries(2):
        answer = api.get("/clinics?page_size=120&service=fp")

    assert len(answer.json()["results"]) == 120
