from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "onestory.reviews"
    label = "reviews"
    verbose_name = "Domestic abuse related death reviews and training"
