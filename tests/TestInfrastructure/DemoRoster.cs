namespace TestInfrastructure;

/// <summary>The rosters of inspectors the demo park's seed enters for each agency: six inspectors, the
/// n-th of the agency at position i of the county's list holding certificate 330183{i:D2}{n:D3}. Filing
/// accepts only inspectors of these rosters, under these names, so tests that file on the seeded platform
/// name them.</summary>
public static class DemoRoster
{
    /// <summary>The county's agencies in the order the registry lists them.</summary>
    public static readonly string[] Agencies = ["YJ", "SJ", "ZF", "XF", "HB", "RS", "SW", "ZR", "JS", "JT", "WJ", "GA", "SL", "NY", "SF", "FG", "JX"];

    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    static readonly string[] GivenNames = ["伟", "芳", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明"];

    /// <summary>The <paramref name="n"/>-th inspector (1 to 6) of <paramref name="agency"/>.</summary>
    public static (string CertificateNo, string Name) Certificate(string agency, int n)
    {
        var index = Array.IndexOf(Agencies, agency) + 1;
        if (index == 0 || n is < 1 or > 6) throw new ArgumentOutOfRangeException(nameof(n), $"{agency} has no inspector {n} in the demo park.");
        return ($"330183{index:D2}{n:D3}", $"{Surnames[(index + n) % Surnames.Length]}{GivenNames[(index * 7 + n) % GivenNames.Length]}");
    }

    /// <summary>The inspector as a filing names it.</summary>
    public static object Inspector(string agency, int n)
    {
        var (certificateNo, name) = Certificate(agency, n);
        return new { name, certificateNo, agencyCode = agency };
    }

    /// <summary>The agency's six inspectors as the office enters them in planning's registry, certified
    /// from <paramref name="validFrom"/> to <paramref name="validUntil"/>.</summary>
    public static object[] Entries(string agency, string validFrom = "2020-01-01", string validUntil = "2099-12-31") =>
        [.. Enumerable.Range(1, 6).Select(n => Certificate(agency, n)).Select(c => new { certificateNo = c.CertificateNo, name = c.Name, validFrom, validUntil })];

    /// <summary>Two inspectors of <paramref name="agency"/>, the least a filing names.</summary>
    public static object[] Two(string agency, int first = 1) => [Inspector(agency, first), Inspector(agency, first % 6 + 1)];
}
