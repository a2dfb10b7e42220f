using Microsoft.AspNetCore.Http;
using ServiceDefaults;
using Xunit;

namespace Foundation.Tests;

/// <summary>The wording of problems: a rule is found by the English words a handler answered with,
/// holes and all, and put into Chinese for a caller that prefers it.</summary>
public sealed class Answers_in_the_callers_language
{
    static readonly ProblemTexts Texts = new([
        .. CommonTexts.All,
        new("test.agency-not-found", "No agency has code {agency}.", "没有代码为 {agency} 的执法部门。"),
        new("test.row", "Row {row}: {reason}", "第 {row} 行：{reason}"),
    ]);

    [Fact]
    public void A_fixed_wording_gives_its_code_and_Chinese()
    {
        Assert.Equal("field.required", Texts.CodeOf("This field is required."));
        Assert.Equal("此项必填。", Texts.Chinese("This field is required."));
    }

    [Fact]
    public void A_wording_with_holes_keeps_its_values()
    {
        Assert.Equal("test.agency-not-found", Texts.CodeOf("No agency has code ZZ."));
        Assert.Equal("没有代码为 ZZ 的执法部门。", Texts.Chinese("No agency has code ZZ."));
        Assert.Equal("credit-code.check-character", Texts.CodeOf("The check character is wrong: the first 17 characters give 'M', not 'A'."));
        Assert.Equal("校验码错误：按前 17 位应为“M”，而非“A”。", Texts.Chinese("The check character is wrong: the first 17 characters give 'M', not 'A'."));
    }

    [Fact]
    public void The_most_specific_wording_wins()
    {
        Assert.Equal("text.too-long", Texts.CodeOf("At most 50 characters."));
        Assert.Equal("sheet.size-limit", Texts.CodeOf("At most 2 MB."));
        Assert.Equal("list.too-many", Texts.CodeOf("At most 17."));
    }

    [Fact]
    public void A_value_that_is_itself_a_rule_is_put_into_Chinese_too()
    {
        Assert.Equal("第 3 行：此项必填。", Texts.Chinese("Row 3: This field is required."));
    }

    [Fact]
    public void Unknown_words_stay_as_they_are_and_a_trailing_line_break_is_not_the_rule()
    {
        Assert.Null(Texts.CodeOf("Something nobody listed."));
        Assert.Equal("Something nobody listed.", Texts.Chinese("Something nobody listed."));
        Assert.Null(Texts.CodeOf("This field is required.\n"));
        Assert.Null(Texts.CodeOf("No agency has code ZZ.\n"));
    }

    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("zh", true)]
    [InlineData("zh-Hans-CN,en;q=0.5", true)]
    [InlineData("en-US,zh-CN;q=0.8", false)]
    [InlineData("en;q=0.3,zh-CN;q=0.9", true)]
    [InlineData("fr-FR", false)]
    [InlineData("", false)]
    public void Chinese_is_chosen_when_the_caller_ranks_it_above_English(string acceptLanguage, bool chinese)
    {
        var context = new DefaultHttpContext();
        if (acceptLanguage.Length > 0) context.Request.Headers.AcceptLanguage = acceptLanguage;
        Assert.Equal(chinese, ProblemLanguage.PrefersChinese(context.Request));
    }
}
