using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeclarationRevisionsAndWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "amended_at",
                table: "plan_declarations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "amended_by",
                table: "plan_declarations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "earlier_revisions",
                table: "plan_declarations",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "published_in",
                table: "plan_declarations",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "plan_declarations",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "plan_declarations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Declared");

            migrationBuilder.AddColumn<string>(
                name: "withdrawal_reason",
                table: "plan_declarations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "plan_declarations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_by",
                table: "plan_declarations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // PostgreSQL's xmin is the row version: no column to add. Declarations already taken in by
            // a published plan are fixed from now on.
            migrationBuilder.Sql("""
                UPDATE plan_declarations d
                SET published_in = jsonb_build_object('consolidationId', r.id, 'supplement', NULL, 'at', r.published_at)
                FROM consolidation_runs r
                WHERE r.status = 'Published' AND r.period = d.period
                  AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.result -> 'decisions') x WHERE x ->> 'declarationId' = d.id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "amended_at",
                table: "plan_declarations");

            migrationBuilder.DropColumn(
                name: "amended_by",
                table: "plan_declarations");

            migrationBuilder.DropColumn(
                name: "earlier_revisions",
                table: "plan_declarations");

            migrationBuilder.DropColumn(
                name: "published_in",
                table: "plan_declarations");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "plan_declarations");

            migrationBuilder.DropColumn(
                name: "status",
                table: "plan_declarations");

            migrationBuilder.DropColumn(
                name: "withdrawal_reason",
                table: "plan_declarations");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "plan_declarations");

            migrationBuilder.DropColumn(
                name: "withdrawn_by",
                table: "plan_declarations");
        }
    }
}
