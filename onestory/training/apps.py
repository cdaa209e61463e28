from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "onestory.training"
    label = "training"
    verbose_name = "Training and awareness"
