using ServiceDefaults;

namespace Gateway;

/// <summary>The gateway's own answers (tokens, limits, services that are down, the API documents), with their codes and Chinese.</summary>
public static class GatewayTexts
{
    public static readonly IReadOnlyList<ProblemText> All =
    [
        new("token.invalid", "The token is not valid.", "登录凭证无效。"),
        new("token.invalid-detail", "It is expired, altered, or not for this platform. Sign in again.", "凭证已过期、被改动或不属于本平台，请重新登录。"),
        new("token.request-malformed", "The token request is malformed.", "令牌请求格式有误。"),
        new("token.credentials-invalid", "The credentials are not valid.", "身份凭据无效。"),
        new("token.not-agency-client", "This client is not an agency's system.", "该客户端不是执法部门的系统。"),
        new("token.grant-type", "Use client_credentials (agency systems) or password (console users).", "请使用 client_credentials（部门系统）或 password（控制台用户）。"),
        new("gateway.request-too-large", "The request is too large.", "请求过大。"),
        new("gateway.too-many-requests", "Too many requests.", "请求过于频繁。"),
        new("gateway.retry-after", "请求过于频繁，请 {seconds} 秒后再试 (try again in {seconds} s).", "请求过于频繁，请 {seconds} 秒后再试。"),
        new("gateway.service-unavailable", "The {service} service is not available at the moment.", "{service} 服务暂时不可用，其他服务不受影响。"),
        new("gateway.try-again", "Try again in {seconds} s.", "请 {seconds} 秒后再试。"),
        new("gateway.service-timeout", "The {service} service did not answer in time.", "{service} 服务未能及时答复。"),
        new("api-document.not-found", "No such document.", "没有这份接口文档。"),
        new("api-document.service-down", "The {service} service does not answer.", "{service} 服务没有响应。"),
    ];
}
