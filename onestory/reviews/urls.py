urlpatterns = []
app_name = "reviews"
