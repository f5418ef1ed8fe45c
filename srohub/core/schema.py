from drf_spectacular.openapi import AutoSchema


class SplitSerializerAutoSchema(AutoSchema):
    """Documents the input serializer for requests and the output serializer for responses."""

    def get_request_serializer(self):
        view = self.view
        if getattr(view, "input_serializer_class", None) and getattr(view, "action", None) in {
            "create", "update", "partial_update"
        }:
            return view.input_serializer_class()
        return super().get_request_serializer()

    def get_response_serializers(self):
        view = self.view
        if getattr(view, "output_serializer_class", None) and getattr(view, "action", None) in {
            "create", "update", "partial_update", "list", "retrieve"
        }:
            return view.output_serializer_class()
        return super().get_response_serializers()
