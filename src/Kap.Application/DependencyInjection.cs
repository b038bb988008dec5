using FluentValidation;
using Kap.Application.Common.Behaviors;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kap.Application;

public static class DependencyInjection
{
    /// <summary>The pipeline, outermost first: logging → unhandled exception → authorization → validation → audit + transaction.</summary>
    public static readonly Type[] PipelineBehaviors =
    [
        typeof(LoggingBehavior<,>),
        typeof(UnhandledExceptionBehavior<,>),
        typeof(AuthorizationBehavior<,>),
        typeof(ValidationBehavior<,>),
        typeof(AuditAndTransactionBehavior<,>),
    ];

    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClinicOptions>().Bind(configuration.GetSection(ClinicOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Clinic:TimeZone must be an IANA time zone id, e.g. America/New_York.")
            .ValidateOnStart();
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section)).ValidateOnStart();

        services.AddAuthorizationCore(KapPolicies.Configure);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddSingleton<IOperationContext, OperationContext>();
        services.AddSingleton<PatientAccess>();
        services.AddSingleton<AuditWriter>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
