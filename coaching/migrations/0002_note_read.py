from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="coachnote",
            name="read_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
