using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class JointUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_overdue_flags",
                table: "overdue_flags");

            migrationBuilder.AddColumn<string>(
                name: "unit",
                table: "overdue_flags",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "pk_overdue_flags",
                table: "overdue_flags",
                columns: new[] { "case_id", "reason", "unit", "reference" });

            migrationBuilder.CreateTable(
                name: "joint_units",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_update_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_joint_units", x => new { x.case_id, x.agency_code });
                    table.ForeignKey(
                        name: "fk_joint_units_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_joint_units_agency_code",
                table: "joint_units",
                column: "agency_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "joint_units");

            migrationBuilder.DropPrimaryKey(
                name: "pk_overdue_flags",
                table: "overdue_flags");

            migrationBuilder.DropColumn(
                name: "unit",
                table: "overdue_flags");

            migrationBuilder.AddPrimaryKey(
                name: "pk_overdue_flags",
                table: "overdue_flags",
                columns: new[] { "case_id", "reason", "reference" });
        }
    }
}
