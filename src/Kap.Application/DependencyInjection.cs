using FluentValidation;
using Kap.Application.Common.Behaviors;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Application.Features.Reminders.DispatchReminders;
using Kap.Application.Features.Scheduling.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kap.Application;

public static class DependencyInjection
{
    // The pipeline behaviors are listed once, in Kap.Web's AddKapMediator: Mediator's source generator reads
    // that literal list at compile time, so a list kept here could only drift from it.
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClinicOptions>().Bind(configuration.GetSection(ClinicOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Clinic:TimeZone must be an IANA time zone id, e.g. America/New_York.")
            .ValidateOnStart();
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section)).ValidateOnStart();
        services.AddOptions<ClinicalOptions>().Bind(configuration.GetSection(ClinicalOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Ceilings.Validate().IsSuccess, "Clinical: a dose ceiling must stay below the anaesthetic range.").ValidateOnStart();
        services.AddOptions<DosingOptions>().Bind(configuration.GetSection(DosingOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.ToSettings().Validate().IsSuccess, "Dosing: the session settings are out of range (see docs/clinical-rules.md).").ValidateOnStart();
        services.AddOptions<Features.Measures.GetDueMeasures.MeasureScheduleOptions>().Bind(configuration.GetSection(Features.Measures.GetDueMeasures.MeasureScheduleOptions.Section))
            .ValidateDataAnnotations().Validate(o => o.AfterDoses.All(d => d is >= 1 and <= 24), "Measures:AfterDoses are dose numbers between 1 and 24.").ValidateOnStart();
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section)).ValidateOnStart();
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.Section)).ValidateDataAnnotations()
            .Validate(o => TimeOnly.TryParse(o.QuietHoursStart, System.Globalization.CultureInfo.InvariantCulture, out _)
                && TimeOnly.TryParse(o.QuietHoursEnd, System.Globalization.CultureInfo.InvariantCulture, out _), "Reminders:QuietHoursStart and QuietHoursEnd are times like 21:00.")
            .Validate(o => o.FollowUpMonthsAfterCourse.All(m => m is >= 1 and <= 24), "Reminders:FollowUpMonthsAfterCourse are months between 1 and 24.")
            .ValidateOnStart();

        services.AddAuthorizationCore(KapPolicies.Configure);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, StaffSecondFactorHandler>();
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddSingleton<IOperationContext, OperationContext>();
        services.AddSingleton<IVerifiedWitnesses, VerifiedWitnesses>();
        services.AddSingleton<PatientAccess>();
        services.AddSingleton<Features.Portal.PortalPatient>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<Booking>();
        services.AddSingleton<ReminderScheduler>();
        services.AddSingleton<ReminderComposer>();
        services.AddSingleton<Features.Dosing.DosingSessionNotifier>();
        services.AddScoped<ReminderDispatcher>();
        services.AddScoped<RunAs>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
