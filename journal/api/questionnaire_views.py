"""The weekly check (api.md, "Weekly check"): questionnaires as FHIR R4 Questionnaire JSON,
answers as QuestionnaireResponse, scored on the server."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from journal import questionnaire_engine as engine
from journal import questionnaire_selectors, questionnaire_services
from journal.api.base import (
    DATE_RANGE_PARAMETERS,
    PatientView,
    body_object,
    current_patient,
    date_range,
    errors,
)
from journal.api.serializers import validate_not_in_future
from journal.local_dates import today_in_zone


class ScoreSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField()
    title = serializers.CharField()
    value = serializers.FloatField()
    band = serializers.CharField(allow_blank=True)


class AnswerSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    questionnaire = serializers.CharField(help_text="The Questionnaire's id.")
    authored = serializers.DateField()
    scores = ScoreSerializer(many=True)
    response = serializers.JSONField(help_text="The FHIR R4 QuestionnaireResponse.")


class AnswerListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = AnswerSerializer(many=True)


class OfferedSerializer(serializers.Serializer):  # type: ignore[type-arg]
    questionnaire = serializers.JSONField(help_text="The FHIR R4 Questionnaire, with scoring.")
    due = serializers.BooleanField()
    due_on = serializers.DateField()
    last_answered_on = serializers.DateField(allow_null=True)


class OfferedListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = OfferedSerializer(many=True)


class QuestionnaireListView(PatientView):
    @extend_schema(
        operation_id="v1_questionnaires_list",
        responses={
            200: OfferedListSerializer,
            **errors(401),
        },
    )
    def get(self, request: Request) -> Response:
        patient = current_patient(request)
        today = today_in_zone(patient.timezone)
        results = []
        for instrument, last in questionnaire_selectors.instruments_offered(patient=patient):
            due_on = engine.next_due(instrument.interval_days, last, today)
            results.append(
                {
                    "questionnaire": instrument.definition,
                    "due": due_on <= today,
                    "due_on": due_on.isoformat(),
                    "last_answered_on": last.isoformat() if last else None,
                }
            )
        return Response({"results": results})


class ResponseSubmitSerializer(serializers.Serializer):  # type: ignore[type-arg]
    resourceType = serializers.ChoiceField(choices=["QuestionnaireResponse"])
    id = serializers.UUIDField(help_text="Chosen by the client: sending it again is safe.")
    authored = serializers.DateField(required=False)
    item = serializers.ListField(child=serializers.DictField(), allow_empty=False)


class QuestionnaireResponseCreateView(PatientView):
    @extend_schema(
        operation_id="v1_questionnaires_responses_create",
        request=ResponseSubmitSerializer,
        responses={
            201: AnswerSerializer,
            200: OpenApiResponse(AnswerSerializer, description="The same answers sent again."),
            409: OpenApiResponse(
                OpenApiTypes.OBJECT, description="This id already holds other answers."
            ),
            **errors(400, 401, 404, 413, 415),
        },
    )
    def post(self, request: Request, questionnaire_id: str) -> Response:
        patient = current_patient(request)
        instrument = questionnaire_selectors.instrument_current(fhir_id=questionnaire_id)
        body = ResponseSubmitSerializer(data=body_object(request))
        body.is_valid(raise_exception=True)
        authored = body.validated_data.get("authored") or today_in_zone(patient.timezone)
        try:
            authored = validate_not_in_future(authored, patient.timezone)
            answers = engine.answers_from_fhir(body.validated_data)
            answer, created = questionnaire_services.answer_submit(
                patient=patient,
                instrument=instrument,
                answer_id=body.validated_data["id"],
                authored_on=authored,
                answers=answers,
            )
        except engine.ResponseError as error:
            raise ValidationError({"item": error.errors}) from error
        except serializers.ValidationError as error:
            raise ValidationError({"authored": error.detail}) from error
        except questionnaire_services.AnswerConflict:
            return Response(
                {"detail": "This id already holds other answers; nothing was changed."},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            questionnaire_selectors.answer_as_dict(answer),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class QuestionnaireResponseListView(PatientView):
    @extend_schema(
        operation_id="v1_questionnaires_responses_list",
        parameters=DATE_RANGE_PARAMETERS,
        responses={
            200: AnswerListSerializer,
            **errors(400, 401),
        },
    )
    def get(self, request: Request) -> Response:
        date_from, date_to = date_range(request)
        answers = questionnaire_selectors.answers_list(
            patient=current_patient(request), date_from=date_from, date_to=date_to
        )
        return Response(
            {"results": [questionnaire_selectors.answer_as_dict(answer) for answer in answers]}
        )
