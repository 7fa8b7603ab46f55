"""Rules version 2: the vocabulary it adds, and the flag fields it shows.

Every stored entry stays valid: the new region (`forefoot`), the saddle's left and right
sides, and the new signs only widen what the constraints accept. Existing flags get their
`first_evidence_on` from their stored evidence; the re-analysis on deploy
(`manage.py reanalyse`) then brings every flag to version 2.
"""

from django.db import migrations, models


def first_evidence_from_stored_dates(apps, schema_editor):
    Flag = apps.get_model("journal", "Flag")
    flags = list(Flag.objects.only("id", "evidence_dates", "first_detected_on"))
    for flag in flags:
        dates = sorted(flag.evidence_dates or [])
        flag.first_evidence_on = dates[0] if dates else flag.first_detected_on
    Flag.objects.bulk_update(flags, ["first_evidence_on"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("journal", "0007_symptom_sign_no_extra_entry_index")]

    operations = [
        migrations.RemoveConstraint(
            model_name='sign',
            name='sign_code_known_and_sided_as_defined',
        ),
        migrations.RemoveConstraint(
            model_name='symptom',
            name='symptom_region_known',
        ),
        migrations.RemoveConstraint(
            model_name='symptom',
            name='symptom_side_fits_region',
        ),
        migrations.AlterField(
            model_name='sign',
            name='code',
            field=models.CharField(choices=[('foot_lift_difficulty', 'foot lift difficulty'), ('tripping', 'tripping'), ('toe_stand_difficulty', 'toe stand difficulty'), ('knee_buckling', 'knee buckling'), ('leg_weakness', 'leg weakness'), ('bladder_change', 'bladder change'), ('bowel_change', 'bowel change'), ('sexual_function_change', 'sexual function change'), ('fever', 'fever'), ('night_pain', 'night pain'), ('weight_loss', 'weight loss')], max_length=32),
        ),
        migrations.AlterField(
            model_name='symptom',
            name='region',
            field=models.CharField(choices=[('lower_back', 'lower back'), ('buttock', 'buttock'), ('thigh_back', 'thigh back'), ('thigh_front', 'thigh front'), ('thigh_outer', 'thigh outer'), ('knee', 'knee'), ('shin_inner', 'shin inner'), ('shin_outer', 'shin outer'), ('calf', 'calf'), ('ankle_inner', 'ankle inner'), ('ankle_outer', 'ankle outer'), ('foot_top', 'foot top'), ('big_toe', 'big toe'), ('foot_outer', 'foot outer'), ('sole', 'sole'), ('heel', 'heel'), ('forefoot', 'forefoot'), ('saddle', 'saddle')], max_length=16),
        ),
        migrations.AddConstraint(
            model_name='sign',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('code__in', ('foot_lift_difficulty', 'knee_buckling', 'leg_weakness', 'toe_stand_difficulty', 'tripping')), ('side__in', ('left', 'right'))), models.Q(('code__in', ('bladder_change', 'bowel_change', 'fever', 'night_pain', 'sexual_function_change', 'weight_loss')), ('side', '')), _connector='OR'), name='sign_code_known_and_sided_as_defined'),
        ),
        migrations.AddConstraint(
            model_name='symptom',
            constraint=models.CheckConstraint(condition=models.Q(('region__in', ('lower_back', 'buttock', 'thigh_back', 'thigh_front', 'thigh_outer', 'knee', 'shin_inner', 'shin_outer', 'calf', 'ankle_inner', 'ankle_outer', 'foot_top', 'big_toe', 'foot_outer', 'sole', 'heel', 'forefoot', 'saddle'))), name='symptom_region_known'),
        ),
        migrations.AddConstraint(
            model_name='symptom',
            constraint=models.CheckConstraint(condition=models.Q(('side__in', ('left', 'right')), models.Q(('region__in', ('lower_back', 'saddle')), ('side', 'center')), _connector='OR'), name='symptom_side_fits_region'),
        ),
        migrations.AddField(
            model_name="patient",
            name="health_history",
            field=models.JSONField(blank=True, default=None, null=True),
        ),
        migrations.AddField(
            model_name="entry",
            name="standing_still_relieves_leg_pain",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddField(
            model_name="flag",
            name="clinician_summary",
            field=models.CharField(blank=True, default="", max_length=600),
        ),
        migrations.AlterField(
            model_name="flag", name="summary", field=models.CharField(max_length=600)
        ),
        migrations.AlterField(
            model_name="flagchange",
            name="summary",
            field=models.CharField(blank=True, default="", max_length=600),
        ),
        migrations.AddField(
            model_name="flag",
            name="first_evidence_on",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(first_evidence_from_stored_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="flag", name="first_evidence_on", field=models.DateField()
        ),
    ]
