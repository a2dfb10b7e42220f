using ServiceDefaults;

namespace Planning.Api.Features.Registry;

static class Text
{
    /// <summary>Required, bounded, printable text: what every name and description must be.</summary>
    public static void Require(Validation v, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) v.Add(field, "This field is required.");
        else if (value.Length > maxLength) v.Add(field, $"At most {maxLength} characters.");
        else if (value.Any(char.IsControl)) v.Add(field, "Control characters are not allowed.");
    }
}
