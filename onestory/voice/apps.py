from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "onestory.voice"
    label = "voice"
    verbose_name = "Survivors' voice"
