namespace Filing.Api.Features.Filing;

/// <summary>The inspectors named on a filing or on an emergency's written filing: two to thirty
/// people, each with a name and an enforcement certificate, none listed twice.</summary>
static class InspectorChecks
{
    public static void Check(Validation v, string field, IReadOnlyList<InspectorRequest?>? inspectors)
    {
        v.List(field, inspectors, 2, 30, (path, inspector) =>
        {
            v.Text($"{path}.name", inspector.Name, 50);
            v.CertificateNo($"{path}.certificateNo", inspector.CertificateNo);
            v.OptionalAgencyCode($"{path}.agencyCode", inspector.AgencyCode);
        });
        v.Distinct(field, inspectors, "An inspector is listed twice.", i => i.CertificateNo);
    }
}
