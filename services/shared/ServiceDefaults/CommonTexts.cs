namespace ServiceDefaults;

/// <summary>The shared vocabulary's rules (<see cref="Validation"/>, credit codes, periods, unreadable
/// bodies) and the titles the framework gives an empty status code, in both languages.</summary>
public static class CommonTexts
{
    public static readonly IReadOnlyList<ProblemText> All =
    [
        // What the framework answers on its own.
        new("request.invalid", "One or more validation errors occurred.", "提交的内容有误，请按各项提示修改。"),
        new("request.bad", "Bad Request", "请求有误。"),
        new("request.unauthenticated", "Unauthorized", "请先登录。"),
        new("request.forbidden", "Forbidden", "无权访问。"),
        new("request.not-found", "Not Found", "未找到所请求的内容。"),
        new("request.method-not-allowed", "Method Not Allowed", "不支持该请求方式。"),
        new("request.conflict", "Conflict", "与当前状态冲突。"),
        new("request.unsupported-media-type", "Unsupported Media Type", "不支持该内容类型。"),
        new("request.unprocessable", "Unprocessable Entity", "内容无法处理。"),
        new("request.too-many", "Too Many Requests", "请求过于频繁。"),
        new("server.error", "An error occurred while processing your request.", "处理请求时出错，请稍后再试。"),
        new("server.unavailable", "Service Unavailable", "服务暂不可用，请稍后再试。"),
        new("server.bad-gateway", "Bad Gateway", "后端服务出错，请稍后再试。"),
        new("server.gateway-timeout", "Gateway Timeout", "后端服务响应超时，请稍后再试。"),
        new("request.payload-too-large", "Payload Too Large", "请求内容过大。"),
        new("request.content-too-large", "Content Too Large", "请求内容过大。"),
        new("request.unreadable", "The request could not be read.", "无法读取请求内容。"),
        new("request.too-large", "The request body is too large.", "请求内容过大。"),
        new("request.invalid-json", "The body is not valid JSON for this operation.", "请求内容不是本操作所需的 JSON。"),
        new("request.no-body", "The request has no body; this operation needs one.", "请求没有内容；本操作需要提交内容。"),
        new("request.unexpected", "The request is not what this operation expects.", "请求不符合本操作的要求。"),
        new("json.malformed", "The JSON is malformed here.", "此处 JSON 格式错误。"),
        new("json.wrong-type", "The value has the wrong type or format.", "值的类型或格式不正确。"),
        new("role.not-yours", "This is not yours to do.", "您无权进行此操作。"),
        new("parked.not-found", "No such parked message.", "没有这条暂存的消息。"),
        new("parked.not-found-detail", "No parked message has number {id}; it may have been handled or discarded.", "没有编号为 {id} 的暂存消息，它可能已被处理或丢弃。"),

        // Free text, codes and lists.
        new("field.required", "This field is required.", "此项必填。"),
        new("text.too-short", "At least {min} characters.", "至少 {min} 个字符。"),
        new("text.too-long", "At most {max} characters.", "最多 {max} 个字符。"),
        new("text.control-characters", "Control characters and line breaks are not allowed.", "不能包含控制字符或换行。"),
        new("text.control-characters-multiline", "Control characters other than line breaks are not allowed.", "除换行外不能包含控制字符。"),
        new("code.malformed", "A code of 1 to {max} letters, digits, '-' or '_'.", "代码为 1 至 {max} 位字母、数字、“-”或“_”。"),
        new("code.listed-twice", "A code is listed twice.", "有代码重复列出。"),
        new("agency.code-malformed", "An agency code: 2 to 20 capital letters, e.g. YJ.", "执法部门代码为 2 至 20 位大写字母，如 YJ。"),
        new("agency.code-example", "An agency code, e.g. YJ.", "执法部门代码，如 YJ。"),
        new("certificate.malformed", "An enforcement certificate number is 8 to 20 digits or capital letters.", "行政执法证号为 8 至 20 位数字或大写字母。"),
        new("list.exact-count", "Exactly {min}.", "须为 {min} 项。"),
        new("list.too-many", "At most {max}.", "最多 {max} 项。"),
        new("list.count", "Between {min} and {max}.", "须为 {min} 至 {max} 项。"),
        new("list.null-entry", "An entry cannot be empty (null).", "列表中不能有空项（null）。"),
        new("enum.unknown", "One of {names}.", "须为以下之一：{names}。"),

        // Windows and periods.
        new("window.first-day-required", "The window's first day is required.", "请填写时间窗口的开始日期。"),
        new("window.last-day-required", "The window's last day is required.", "请填写时间窗口的结束日期。"),
        new("window.ends-before-start", "The window ends on or after the day it starts.", "时间窗口的结束日期不能早于开始日期。"),
        new("window.too-long-days", "A window lasts at most {limit} days.", "时间窗口最长 {limit} 天。"),
        new("window.start-required", "When it starts is required.", "请填写开始时间。"),
        new("window.end-required", "When it ends is required.", "请填写结束时间。"),
        new("window.end-not-after-start", "It ends after it starts.", "结束时间须晚于开始时间。"),
        new("window.too-long", "It lasts at most {length}.", "最长持续 {length}。"),
        new("unit.days", "{count} days", "{count} 天"),
        new("unit.hours", "{count} hours", "{count} 小时"),
        new("period.malformed", "A period is a year (2026) or a quarter (2026-Q1).", "期间为年度（如 2026）或季度（如 2026-Q1）。"),

        // Unified social credit codes (GB 32100).
        new("credit-code.required", "The credit code is required.", "请填写统一社会信用代码。"),
        new("credit-code.length", "A credit code has {length} characters; this one has {actual}.", "统一社会信用代码为 {length} 位，此处为 {actual} 位。"),
        new("credit-code.full-width", "The credit code contains full-width characters; type it with half-width letters and digits.", "统一社会信用代码含全角字符，请用半角字母和数字输入。"),
        new("credit-code.lower-case", "The credit code must be written in capital letters.", "统一社会信用代码须用大写字母。"),
        new("credit-code.character", "Character {position} ('{character}') is not allowed in a credit code (letters I, O, S, V and Z are never used).",
            "第 {position} 位（“{character}”）不能用于统一社会信用代码（不使用字母 I、O、S、V、Z）。"),
        new("credit-code.division", "Characters 3 to 8 (the administrative division code) must be digits.", "第 3 至 8 位（登记管理机关行政区划码）须为数字。"),
        new("credit-code.check-character", "The check character is wrong: the first 17 characters give '{expected}', not '{actual}'.",
            "校验码错误：按前 17 位应为“{expected}”，而非“{actual}”。"),

        // Uploaded spreadsheets.
        new("sheet.too-large", "The file is too large.", "文件过大。"),
        new("sheet.size-limit", "At most {size} MB.", "最大 {size} MB。"),
        new("sheet.content-type", "Content-Type must be {type}.", "Content-Type 须为 {type}。"),
        new("sheet.unreadable", "This is not a readable xlsx file.", "无法读取该 xlsx 文件。"),
        new("sheet.no-rows", "The form has no rows.", "表格中没有数据行。"),
        // The shared reader's wording for any upload; each service lists its own words too.
        new("sheet.not-xlsx", "Send the {what} as an xlsx file.", "请以 xlsx 文件提交。"),
        new("sheet.empty", "The {what} has no rows.", "文件中没有数据行。"),
        new("sheet.missing-columns", "Missing columns: {columns}.", "缺少列：{columns}。"),
        new("sheet.too-many-rows", "At most {rows} rows.", "最多 {rows} 行。"),
        new("sheet.row", "Row {row}: {reason}", "第 {row} 行：{reason}"),
    ];
}
