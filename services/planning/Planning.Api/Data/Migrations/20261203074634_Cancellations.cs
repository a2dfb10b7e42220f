using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Cancellations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cancellations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    declaration_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    matter_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cancellations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cancellations_declaration_id_matter_code_credit_code",
                table: "cancellations",
                columns: new[] { "declaration_id", "matter_code", "credit_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cancellations_period",
                table: "cancellations",
                column: "period");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cancellations");
        }
    }
}
