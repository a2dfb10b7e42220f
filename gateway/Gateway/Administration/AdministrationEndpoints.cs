using Gateway.Identity;
using Messaging;
using ReadModels;

namespace Gateway.Administration;

/// <summary>Accounts run by the county itself: the first administrator from a one-time setup code; the
/// administrators' users, invitations and agency systems; each person's own password. Every change is
/// in the audit trail (留痕) of the gateway's database: who, when, through which request, what changed.</summary>
public static class AdministrationEndpoints
{
    public const string ServiceName = "gateway";

    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        // The registry's enterprises, from planning's events, as every service keeps them, and its agencies.
        builder.AddMessaging<GatewayDb>(ServiceName, bus =>
        {
            bus.AddEnterpriseViews<GatewayDb, EnterpriseView>();
            bus.AddConsumer<AgencyChangedConsumer>();
            bus.RequestReferenceDataAtStart(ServiceName);
        });
        builder.Services.AddSettings<AccountOptions>();
        builder.Services.AddScoped<OneTimeCodes>();
        builder.Services.AddScoped<Registry>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(InvitingEnterprises.Policy, p => p.RequireRole(Roles.Office, Roles.Admin));
        return builder;
    }

    public static void MapAdministration(this IEndpointRouteBuilder app)
    {
        app.MapFirstAdministrator();
        app.MapGroup("/account").WithTags("Account 账户").MapOwnPassword();
        app.MapInvitations();
        var admin = app.MapGroup("/admin").WithTags("Administration 账户管理").RequireAuthorization(Roles.Admin);
        admin.MapGroup("/users").MapCreatingUsers().MapManagingUsers();
        admin.MapGroup("/agency-clients").MapAgencyClients();
        // The accounts' own 留痕 (who created, disabled, reset whom), searched like every service's trail.
        app.MapGroup("/accounts").MapAuditTrail();
    }
}
