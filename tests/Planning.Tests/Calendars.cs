using Planning.Domain;
using TestInfrastructure;

namespace Planning.Tests;

static class Calendars
{
    public static readonly WorkingCalendar China2026 = new(OfficialCalendar.Holidays, OfficialCalendar.MakeUpWorkdays);
}
