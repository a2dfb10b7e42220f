using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Supervision.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CasesEvaluationsRankings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "case_numbers");

            migrationBuilder.CreateTable(
                name: "agencies",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agencies", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "cards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    submitter_credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    submitter_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    consent_to_disclose = table.Column<bool>(type: "boolean", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    provisional_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    submitted_via = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    source_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cards", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    penalty = table.Column<bool>(type: "boolean", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decisions", x => x.decision_id);
                });

            migrationBuilder.CreateTable(
                name: "emergencies",
                columns: table => new
                {
                    provisional_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    backfilled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    backfilled_on_time = table.Column<bool>(type: "boolean", nullable: true),
                    overdue_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_emergencies", x => x.provisional_no);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    procedure = table.Column<int>(type: "integer", nullable: false),
                    efficiency = table.Column<int>(type: "integer", nullable: false),
                    attitude = table.Column<int>(type: "integer", nullable: false),
                    integrity = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    rated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    joint_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    unplanned = table.Column<bool>(type: "boolean", nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    lead_agency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agencies = table.Column<string>(type: "jsonb", nullable: false),
                    filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    findings = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.filing_no);
                });

            migrationBuilder.CreateTable(
                name: "overdue_flags",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    reference = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    escalation_level = table.Column<int>(type: "integer", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overdue_flags", x => new { x.case_id, x.reason, x.reference });
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    declared_visits = table.Column<int>(type: "integer", nullable: false),
                    visits = table.Column<int>(type: "integer", nullable: false),
                    joint_visits = table.Column<int>(type: "integer", nullable: false),
                    solo_visits = table.Column<int>(type: "integer", nullable: false),
                    reduction_rate = table.Column<double>(type: "double precision", nullable: false),
                    mergeable_share_of_matters = table.Column<double>(type: "double precision", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plans", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "rankings",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    minimum_sample = table.Column<int>(type: "integer", nullable: false),
                    agencies = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rankings", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "retaliation_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    planned = table.Column<bool>(type: "boolean", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_retaliation_flags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    card_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    assigned_to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_update_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalation_level = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_cases_cards_card_id",
                        column: x => x.card_id,
                        principalTable: "cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    from = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    to = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    actor_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    actor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_client = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    actor_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    assigned_to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_history_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cards_source_source_reference",
                table: "cards",
                columns: new[] { "source", "source_reference" },
                unique: true,
                filter: "source_reference IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cards_submitter_credit_code_agency_code",
                table: "cards",
                columns: new[] { "submitter_credit_code", "agency_code" });

            migrationBuilder.CreateIndex(
                name: "ix_case_history_case_id_sequence",
                table: "case_history",
                columns: new[] { "case_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_card_id",
                table: "cases",
                column: "card_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_case_no",
                table: "cases",
                column: "case_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_state",
                table: "cases",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_decided_at",
                table: "decisions",
                column: "decided_at");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_filing_no",
                table: "decisions",
                column: "filing_no");

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_filing_no",
                table: "evaluations",
                column: "filing_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspections_completed_at",
                table: "inspections",
                column: "completed_at");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_credit_code",
                table: "inspections",
                column: "credit_code");

            migrationBuilder.CreateIndex(
                name: "ix_retaliation_flags_case_id_reference",
                table: "retaliation_flags",
                columns: new[] { "case_id", "reference" },
                unique: true);

            // 一事一账: a case's history and the cards as submitted are permanent. The database itself
            // refuses to change or remove them, whatever the application does.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is permanent: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
                END $$;
                CREATE TRIGGER case_history_is_permanent BEFORE UPDATE OR DELETE ON case_history FOR EACH ROW EXECUTE FUNCTION refuse_change();
                CREATE TRIGGER case_history_is_not_truncated BEFORE TRUNCATE ON case_history FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
                CREATE TRIGGER cards_are_permanent BEFORE UPDATE OR DELETE ON cards FOR EACH ROW EXECUTE FUNCTION refuse_change();
                CREATE TRIGGER cards_are_not_truncated BEFORE TRUNCATE ON cards FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS case_history_is_permanent ON case_history;
                DROP TRIGGER IF EXISTS case_history_is_not_truncated ON case_history;
                DROP TRIGGER IF EXISTS cards_are_permanent ON cards;
                DROP TRIGGER IF EXISTS cards_are_not_truncated ON cards;
                DROP FUNCTION IF EXISTS refuse_change();
                """);
            migrationBuilder.DropTable(
                name: "agencies");

            migrationBuilder.DropTable(
                name: "case_history");

            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "emergencies");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "overdue_flags");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "rankings");

            migrationBuilder.DropTable(
                name: "retaliation_flags");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "cards");

            migrationBuilder.DropSequence(
                name: "case_numbers");
        }
    }
}
