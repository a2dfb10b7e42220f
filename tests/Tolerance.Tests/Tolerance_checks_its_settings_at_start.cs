using TestInfrastructure;
using Tolerance.Api.Data;

namespace Tolerance.Tests;

public sealed class Tolerance_checks_its_settings_at_start() : A_service_checks_its_settings_at_start<ToleranceDb>("tolerance");
