namespace ServiceDefaults;

/// <summary>The county's 17 enforcement agencies (执法单位) as an installation starts with them. Planning
/// enters them once into its empty registry, which is their only source from then on: the office adds and
/// changes agencies there, and every other process learns them from planning's events. The demo park's
/// accounts (<see cref="SeedOptions.DemoPark"/>) take the same list, so the demo's staff and systems exist as
/// soon as the gateway starts, before any event has arrived.</summary>
public static class CountyAgencies
{
    public static readonly IReadOnlyList<(string Code, string Name)> Initial =
    [
        ("YJ", "应急管理局"), ("SJ", "市场监督管理局"), ("ZF", "综合行政执法局"), ("XF", "消防救援大队"),
        ("HB", "生态环境分局"), ("RS", "人力资源和社会保障局"), ("SW", "税务局"), ("ZR", "自然资源和规划局"),
        ("JS", "住房和城乡建设局"), ("JT", "交通运输局"), ("WJ", "卫生健康局"), ("GA", "公安局"),
        ("SL", "水利局"), ("NY", "农业农村局"), ("SF", "司法局"), ("FG", "发展和改革局"), ("JX", "经济和信息化局"),
    ];

    /// <summary>The most agencies one request names (a joint visit's, a filing's, a declaration's): a bound on
    /// size only, well above any county's count, since the office adds agencies. Whether each named agency
    /// exists is checked against the registry.</summary>
    public const int MostNamedAtOnce = 60;
}
