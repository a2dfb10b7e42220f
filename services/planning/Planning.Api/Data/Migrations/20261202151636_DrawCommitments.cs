using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DrawCommitments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "matter_codes",
                table: "draws",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "number",
                table: "draws",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "period",
                table: "draws",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "purpose",
                table: "draws",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "draws",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "draw_commitments",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    secret = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_draw_commitments", x => x.period);
                });

            migrationBuilder.CreateIndex(
                name: "ix_draws_agency_code_period_purpose_number",
                table: "draws",
                columns: new[] { "agency_code", "period", "purpose", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "draw_commitments");

            migrationBuilder.DropIndex(
                name: "ix_draws_agency_code_period_purpose_number",
                table: "draws");

            migrationBuilder.DropColumn(
                name: "matter_codes",
                table: "draws");

            migrationBuilder.DropColumn(
                name: "number",
                table: "draws");

            migrationBuilder.DropColumn(
                name: "period",
                table: "draws");

            migrationBuilder.DropColumn(
                name: "purpose",
                table: "draws");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "draws");
        }
    }
}
