namespace Kap.Domain.Patients;

public enum ReminderChannel
{
    Email = 0,
    InApp = 1,
    Sms = 2,
}
