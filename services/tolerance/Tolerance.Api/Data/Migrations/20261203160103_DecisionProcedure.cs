using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tolerance.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DecisionProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "reasoning",
                table: "decisions",
                type: "character varying(16000)",
                maxLength: 16000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8000)",
                oldMaxLength: 8000);

            migrationBuilder.AddColumn<string>(
                name: "answer",
                table: "decisions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answered_at",
                table: "decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "answered_by",
                table: "decisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "calendar_missing_for",
                table: "decisions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "departed",
                table: "decisions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "issued_at",
                table: "decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "proposal_reasoning",
                table: "decisions",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "proposed_kind",
                table: "decisions",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "proposed_outcome",
                table: "decisions",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_opinion",
                table: "decisions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reviewed_by",
                table: "decisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "stated_at",
                table: "decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stated_by",
                table: "decisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "statement",
                table: "decisions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "statement_due_on",
                table: "decisions",
                type: "date",
                nullable: true);

            // Decisions issued before the procedure existed were issued as the engine decided them.
            migrationBuilder.Sql("UPDATE decisions SET proposed_kind = kind, proposed_outcome = outcome, proposal_reasoning = reasoning, issued_at = decided_at;");

            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    make_up_workdays = table.Column<List<DateOnly>>(type: "date[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_years", x => x.year);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropColumn(
                name: "answer",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "answered_at",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "answered_by",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "calendar_missing_for",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "departed",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "issued_at",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "proposal_reasoning",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "proposed_kind",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "proposed_outcome",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "review_opinion",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "reviewed_by",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "stated_at",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "stated_by",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "statement",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "statement_due_on",
                table: "decisions");

            migrationBuilder.AlterColumn<string>(
                name: "reasoning",
                table: "decisions",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16000)",
                oldMaxLength: 16000);
        }
    }
}
