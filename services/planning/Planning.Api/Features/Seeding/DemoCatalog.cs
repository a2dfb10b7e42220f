using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Seeding;

/// <summary>The demo park's catalog of matters and December's declarations, generated
/// deterministically so every run of the demo shows the same figures.</summary>
static class DemoCatalog
{
    static readonly Dictionary<string, string[]> MatterNames = new()
    {
        ["YJ"] = ["危化品使用储存", "安全生产责任制落实", "特种作业人员持证", "有限空间作业", "重大危险源管控", "应急预案演练", "节假日值班值守"],
        ["SJ"] = ["特种设备使用登记", "计量器具检定", "产品质量抽查", "食品生产许可条件", "标准执行情况", "广告发布合规", "价格公示"],
        ["ZF"] = ["市容环境卫生", "户外广告设置", "建筑垃圾处置", "违法建设巡查", "燃气使用安全", "噪声污染防治", "占道经营"],
        ["XF"] = ["消防设施配备情况", "消防通道畅通", "消防安全责任人履职", "电气线路消防安全", "易燃易爆物品管理", "消防控制室值班", "员工消防培训"],
        ["HB"] = ["排污许可执行", "危险废物贮存转移", "废气治理设施运行", "废水排放", "环境影响评价执行", "突发环境事件应急", "自动监测设备运行"],
        ["RS"] = ["劳动合同签订", "工资支付", "社会保险参保", "工时和休息休假", "女职工和未成年工保护", "劳务派遣用工", "职业技能培训"],
    };

    static readonly string[] Generic = ["法定职责履行", "行政许可事项事中事后监管", "台账资料", "安全管理制度", "从业人员资质", "设施设备运行", "整改落实情况"];

    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    static readonly string[] GivenNames = ["伟", "芳", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明"];

    /// <summary>Six inspectors per agency, with enforcement certificate numbers of the county's form,
    /// valid from two years before the demo's year to three years after it, so demo filings of any day
    /// near it pass the roster check.</summary>
    public static List<CertifiedInspector> Roster(string agencyCode, DateTimeOffset now)
    {
        var index = CountyAgencies.Initial.Select(a => a.Code).ToList().IndexOf(agencyCode) + 1;
        var year = ChinaTime.Day(now).Year;
        var (from, until) = (new DateOnly(year - 2, 1, 1), new DateOnly(year + 3, 12, 31));
        return Enumerable.Range(1, 6)
            .Select(n => new CertifiedInspector($"330183{index:D2}{n:D3}", $"{Surnames[(index + n) % Surnames.Length]}{GivenNames[(index * 7 + n) % GivenNames.Length]}", from, until))
            .ToList();
    }

    public static IEnumerable<MatterVersion> Matters(DateTimeOffset now)
    {
        var index = 0;
        foreach (var (code, agencyName) in CountyAgencies.Initial)
        {
            var names = MatterNames.GetValueOrDefault(code) ?? Generic.Select(n => $"{agencyName.Replace("局", "").Replace("大队", "")}{n}").ToArray();
            for (var i = 0; i < names.Length; i++, index++)
            {
                yield return new MatterVersion
                {
                    Code = $"{code}-{i + 1:D2}",
                    Version = 1,
                    AgencyCode = code,
                    Name = names[i],
                    Category = (InspectionCategory)(index % 5),
                    // About a third of matters may be checked jointly, as in the county's reform.
                    Mergeable = index % 3 != 1 && (index % 3 == 0 || i == 0),
                    LegalBasis = $"《{agencyName}行政执法事项清单》第{i + 1}项",
                    YearlyCapPerEnterprise = 2,
                    EffectiveFrom = new DateOnly(2026, 1, 1),
                    ChangedAt = now,
                    ChangedBy = "demo-seed",
                };
            }
        }
    }

    /// <summary>Each agency plans December as agencies do: a routine round of its mergeable matters
    /// over part of the park, a specialized check of a non-mergeable matter at a few enterprises, and
    /// now and then the same routine matter again under a higher-level mandate.</summary>
    public static IEnumerable<PlanDeclaration> Declarations(List<MatterVersion> matters, List<string> enterprises, DateTimeOffset now)
    {
        var random = new Random(20261201);
        var december = new DateOnly(2026, 12, 1);
        foreach (var agency in matters.GroupBy(m => m.AgencyCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var mergeable = agency.Where(m => m.Mergeable).Select(m => m.Code).Order(StringComparer.Ordinal).ToList();
            var solo = agency.Where(m => !m.Mergeable).Select(m => m.Code).Order(StringComparer.Ordinal).ToList();
            var sequence = 0;
            PlanDeclaration Declare(List<string> matterCodes, List<string> targets, DateOnly from, int days, MandateLevel level, InspectionCategory category, string method) => new()
            {
                Id = $"2026-Q4-{agency.Key}-{++sequence:D4}",
                Period = "2026-Q4",
                AgencyCode = agency.Key,
                MatterCodes = matterCodes,
                CreditCodes = targets.Order(StringComparer.Ordinal).ToList(),
                WindowFrom = from,
                WindowTo = from.AddDays(days) is var to && to.Month == 12 ? to : new DateOnly(2026, 12, 31),
                MandateLevel = level,
                Category = category,
                Method = method,
                DeclaredAt = now,
                DeclaredBy = "demo-seed",
            };

            var round = enterprises.OrderBy(_ => random.Next()).Take(6 + random.Next(6)).ToList();
            yield return Declare(mergeable.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).Order(StringComparer.Ordinal).ToList(),
                round, december.AddDays(random.Next(0, 5)), 16 + random.Next(10), MandateLevel.County, InspectionCategory.Routine, "现场检查");
            if (solo.Count > 0)
                yield return Declare([solo[random.Next(solo.Count)]], enterprises.OrderBy(_ => random.Next()).Take(4 + random.Next(5)).ToList(),
                    december.AddDays(random.Next(0, 14)), 10 + random.Next(8), MandateLevel.Municipal, InspectionCategory.Specialized, "现场检查、查阅资料");
            if (random.Next(3) == 0)
                yield return Declare([mergeable[0]], round.Take(3).ToList(), december.AddDays(7), 14, MandateLevel.Provincial, InspectionCategory.Seasonal, "现场检查");
        }
    }
}
