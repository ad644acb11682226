-- AlterTable
ALTER TABLE "EntityCollaborator" ADD COLUMN     "lastMessageSentAt" TIMESTAMP(3);
 