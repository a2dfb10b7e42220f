namespace Planning.Domain;

/// <summary>An enforcement certificate number (行政执法证号) as the province issues it.</summary>
public static class CertificateNumber
{
    public static bool IsValid(string? number) =>
        number is { Length: >= 8 and <= 20 } && number.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
}
